from newsweave.cli.main import run

run()
