"""CSV and XLSX files of the quality tables: `tables` builds each table, `files` writes it safely."""
