"""``python -m codegen``: the generator's command line (codegen.cli)."""

import gc

# A command is short, and keeps what it makes until it ends: Python's cycle collector, which
# would walk the imported modules' objects again and again, is paused from the start (main()
# pauses it around a command for callers in the same process too).
gc.disable()

from codegen.cli import main  # noqa: E402

raise SystemExit(main())
