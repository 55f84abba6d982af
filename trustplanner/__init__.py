"""TrustPlanner: plan and report the staged move of children's services into a trust."""

__version__ = "0.1.0"
APP_NAME = "TrustPlanner"
ORGANISATION = "TrustPlanner"
