"""Running the assistant: `make serve` (its servers and settings), the chat page, Rasa's command line with the
API token kept off it, the start-up check of the knowledge files and the admin's forget command."""
