"""Scrapy commands of this project (``COMMANDS_MODULE``): Scrapy's own, with the project's checks."""
