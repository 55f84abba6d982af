import sys

from trustplanner.cli import main

sys.exit(main())
