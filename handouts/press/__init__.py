"""Press finishing with pikepdf: CMYK, ICC output profiles, crop marks, the resources graph; shared by typeset/ and publish/."""
