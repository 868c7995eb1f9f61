"""Translation catalogs, one module per page (each defines ``STRINGS``), merged by ``lib.i18n``."""
