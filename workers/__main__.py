from workers.tools.cli import main

main()
