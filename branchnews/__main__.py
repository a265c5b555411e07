import sys

from branchnews.cli import main

sys.exit(main())
