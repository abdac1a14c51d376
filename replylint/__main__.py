from replylint.cli import run

run()
