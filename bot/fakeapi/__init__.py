"""A strict, in-process fake of the Telegram Bot API, shared by the tests and the terminal demo."""
