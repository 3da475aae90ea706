"""`python -m app ...`: see app/cli.py."""

import os
import sys

from app.cli import main

code = main()
# Every command has closed what it opened (files, stores) by now. Leaving without tearing the
# interpreter down hands its memory back to the system at once: after a report over a big log,
# freeing its columns object by object took a tenth of a second of the command's time.
sys.stdout.flush()
sys.stderr.flush()
os._exit(code)
