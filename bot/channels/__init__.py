"""Our Rasa channel connectors: socket.io for the web page and Telegram, each fixing a defect of Rasa 3.6.21."""
