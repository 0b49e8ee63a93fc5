"""The bottom layer: settings, logging and model-file assembly shared by every other package."""
