# DOCX reader: ZIP packages through minizip (Debian's libminizip-dev).
EXTRA_DEB_PKGS += libminizip-dev
PKGS += minizip
