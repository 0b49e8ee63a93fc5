"""The platform database: one schema definition, two engines (embedded SQLite and MySQL/MariaDB)."""
