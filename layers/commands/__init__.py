"""One module per command-line command (``<name>_cmd.py``); see ``layers.__main__``."""
