"""The Communities Team's view across laptops: the Compile window (every workshop with its
source file and last import) and the cross-workshop themes board."""
