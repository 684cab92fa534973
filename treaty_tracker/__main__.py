from treaty_tracker.cli import main

raise SystemExit(main())
