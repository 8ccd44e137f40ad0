"""A persistent cache of online answers, so a repeated query never leaves the machine.

Keyed by provider, server, query and parameters; values are plain JSON.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from pathlib import Path


class AnswerCache:
    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.con = self._connect()

    @classmethod
    def default(cls) -> AnswerCache:
        from incimap.gazetteer.gazetteer import cache_dir

        return cls(cache_dir() / "online-answers.sqlite")

    def _connect(self) -> sqlite3.Connection:
        try:
            con = sqlite3.connect(self.path)
            con.execute("CREATE TABLE IF NOT EXISTS answers (key TEXT PRIMARY KEY, value TEXT)")
            con.execute("SELECT count(*) FROM answers").fetchone()
            return con
        except sqlite3.OperationalError:
            raise
        except sqlite3.DatabaseError as e:
            print(f"incimap: warning: online answer cache {self.path} is corrupt ({e}); "
                  "starting a new one", file=sys.stderr)
            self.path.unlink(missing_ok=True)
            con = sqlite3.connect(self.path)
            con.execute("CREATE TABLE answers (key TEXT PRIMARY KEY, value TEXT)")
            return con

    @staticmethod
    def _key(key) -> str:
        return hashlib.sha256(json.dumps(key, sort_keys=True, default=str).encode()).hexdigest()

    def get(self, key):
        row = self.con.execute("SELECT value FROM answers WHERE key = ?",
                               (self._key(key),)).fetchone()
        return json.loads(row[0]) if row else None

    def put(self, key, value) -> None:
        self.con.execute("INSERT OR REPLACE INTO answers VALUES (?, ?)",
                         (self._key(key), json.dumps(value)))
        self.con.commit()

    def __len__(self) -> int:
        return self.con.execute("SELECT count(*) FROM answers").fetchone()[0]
