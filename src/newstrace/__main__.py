from newstrace.cli.app import main

main()
