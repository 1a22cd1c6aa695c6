"""The domain of intervisie in plain Python: no textual, tinydb or cryptography."""
