"""``python -m mofan_rules``: the same as the ``mofan-rules`` command."""

import sys

from mofan_rules.cli import main

sys.exit(main())
