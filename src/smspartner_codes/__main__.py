"""``python -m smspartner_codes``: the ``smspartner-codes`` command."""

from smspartner_codes._cli import main

raise SystemExit(main())
