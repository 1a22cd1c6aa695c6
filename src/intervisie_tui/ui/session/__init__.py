"""The session screen: the screen a group projects while it meets, and its parts."""
