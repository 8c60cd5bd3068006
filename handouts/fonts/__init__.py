"""Fonts: the faces a handout uses, their static instances, whole Arabic letters, the slug font."""
