"""Entry point of the console ``trustplanner-cli`` executable that build.spec freezes.

The same as the ``trustplanner`` command a pip install makes: ``trustplanner.cli:main``.
"""

import sys

from trustplanner.cli import main

if __name__ == "__main__":
    sys.exit(main())
