"""Our Rasa channel connectors, named in credentials.yml: REST, socket.io for the web page and Telegram, each
screening every message and fixing a defect of Rasa 3.6.21."""
