from incimap.geo.cli import main

main()
