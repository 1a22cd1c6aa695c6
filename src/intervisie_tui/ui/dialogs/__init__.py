"""Dialogs shared by several screens: questions, forms, pickers, the keys help, export and save-as."""
