from followup.cli.main import main

raise SystemExit(main())
