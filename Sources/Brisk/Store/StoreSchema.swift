import GRDB

/// The store's schema. Migrations are never edited once shipped: change the schema by adding
/// a migration. Written in SQL names, not record types, so that later record changes cannot
/// alter what an old migration did.
enum StoreSchema {
  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1") { db in
      try db.execute(sql: v1)
    }
    migrator.registerMigration("v2 blob by rowid") { db in
      try db.execute(sql: v2)
    }
    migrator.registerMigration("v3 host load") { db in
      try db.execute(sql: v3)
    }
    migrator.registerMigration("v4 only correct samples") { db in
      try db.execute(sql: v4)
    }
    migrator.registerMigration("v5 decoding") { db in
      try db.execute(sql: v5)
    }
    return migrator
  }

  /// A WITHOUT ROWID table keeps each blob inside the b-tree of its key, so every lookup by
  /// hash read whole megabyte blobs while comparing keys on the way down (4.4 s to load
  /// ENAMEL's 142 test sets). A rowid table keeps the hashes in a small index of their own.
  /// GRDB runs migrations with foreign keys off and checks them all before committing.
  static let v2 = """
    CREATE TABLE blob_by_rowid (
      id INTEGER PRIMARY KEY,
      hash TEXT NOT NULL UNIQUE,
      content BLOB NOT NULL
    );
    INSERT INTO blob_by_rowid (hash, content) SELECT hash, content FROM blob;
    DROP TABLE blob;
    ALTER TABLE blob_by_rowid RENAME TO blob;
    """

  /// How many CPUs other processes kept busy while an evaluation was measured (HostLoad):
  /// null where it is unknown (evaluations stored before it was recorded). The public view
  /// gains it as its last column.
  static let v3 = """
    ALTER TABLE evaluation ADD COLUMN other_cpus REAL;
    DROP VIEW brisk_sample_results;
    CREATE VIEW brisk_sample_results AS
      SELECT s.run_id, s.problem_id, s.sample_index, s.code_sha256,
             e.verdict, e.passed, e.efficiency AS eff, e.dps, e.dps_norm, e.dpe_level,
             e.other_cpus
      FROM sample s
      JOIN run r ON r.id = s.run_id
      JOIN test_set t ON t.problem_version_id = s.problem_version_id
      LEFT JOIN evaluation e
        ON e.code_sha256 = s.code_sha256 AND e.test_set_id = t.id
       AND e.machine_id = r.machine_id AND e.configuration_key = r.configuration_key;
    """

  /// Whether a run's samples were chosen by their correctness before Brisk saw them (EvalPerf's
  /// results keep only the solutions its tests passed): such a run's pass@k is not the
  /// model's. The public view gains it as its last column.
  static let v4 = """
    ALTER TABLE run ADD COLUMN only_correct_samples INTEGER NOT NULL DEFAULT 0
      CHECK (only_correct_samples IN (0, 1));
    DROP VIEW brisk_runs;
    CREATE VIEW brisk_runs AS
      SELECT id AS run_id, submission, model, started_at, finished_at, status,
             only_correct_samples
      FROM run;
    """

  /// The decoding settings the submission's manifest declared (temperature, top_p, ...), as a
  /// JSON object of strings: `{}` when it declared none. The public view gains it last.
  static let v5 = """
    ALTER TABLE run ADD COLUMN decoding TEXT NOT NULL DEFAULT '{}';
    DROP VIEW brisk_runs;
    CREATE VIEW brisk_runs AS
      SELECT id AS run_id, submission, model, started_at, finished_at, status,
             only_correct_samples, decoding
      FROM run;
    """

  static let v1 = """
    CREATE TABLE machine (
      id INTEGER PRIMARY KEY,
      fingerprint TEXT NOT NULL UNIQUE,
      cpu_model TEXT NOT NULL,
      cores INTEGER NOT NULL,
      kernel TEXT NOT NULL,
      python_version TEXT NOT NULL,
      brisk_version TEXT NOT NULL
    );

    -- Content-addressed bytes: test inputs, expected outputs, solution code.
    CREATE TABLE blob (
      hash TEXT PRIMARY KEY,
      content BLOB NOT NULL
    ) WITHOUT ROWID;

    CREATE TABLE problem_version (
      id INTEGER PRIMARY KEY,
      problem_id TEXT NOT NULL,
      version TEXT NOT NULL,
      title TEXT NOT NULL,
      entry_point TEXT NOT NULL,
      alpha REAL NOT NULL,
      limit_slack REAL NOT NULL,
      level_weights TEXT NOT NULL,
      created_at TEXT NOT NULL,
      UNIQUE (problem_id, version)
    );

    CREATE TABLE test_set (
      id INTEGER PRIMARY KEY,
      problem_version_id INTEGER NOT NULL UNIQUE REFERENCES problem_version(id),
      hash TEXT NOT NULL,
      created_at TEXT NOT NULL
    );

    CREATE TABLE test_case (
      test_set_id INTEGER NOT NULL REFERENCES test_set(id) ON DELETE CASCADE,
      level INTEGER NOT NULL,
      case_index INTEGER NOT NULL,
      seed INTEGER NOT NULL,
      input_hash TEXT NOT NULL REFERENCES blob(hash),
      expected_hash TEXT NOT NULL REFERENCES blob(hash),
      baseline_cpu_seconds REAL NOT NULL,
      PRIMARY KEY (test_set_id, level, case_index)
    );

    -- Each DPE level's cost relative to the expert on the performance test, per machine.
    CREATE TABLE dpe_calibration (
      problem_version_id INTEGER NOT NULL REFERENCES problem_version(id),
      machine_id INTEGER NOT NULL REFERENCES machine(id),
      signal TEXT NOT NULL CHECK (signal IN ('cpu_time', 'instructions')),
      level_index INTEGER NOT NULL,
      file TEXT NOT NULL,
      cost_ratio REAL NOT NULL,
      relative_error REAL NOT NULL,
      score REAL,
      PRIMARY KEY (problem_version_id, machine_id, signal, level_index)
    );

    CREATE TABLE run (
      id INTEGER PRIMARY KEY,
      run_key TEXT NOT NULL UNIQUE,
      submission TEXT NOT NULL,
      submission_hash TEXT NOT NULL,
      model TEXT NOT NULL,
      configuration TEXT NOT NULL,
      configuration_key TEXT NOT NULL,
      machine_id INTEGER NOT NULL REFERENCES machine(id),
      started_at TEXT NOT NULL,
      finished_at TEXT,
      status TEXT NOT NULL CHECK (status IN ('running', 'complete'))
    );

    CREATE TABLE sample (
      id INTEGER PRIMARY KEY,
      run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
      problem_id TEXT NOT NULL,
      sample_index INTEGER NOT NULL,
      problem_version_id INTEGER NOT NULL REFERENCES problem_version(id),
      code_sha256 TEXT NOT NULL REFERENCES blob(hash),
      UNIQUE (run_id, problem_id, sample_index)
    );

    -- The content cache: one evaluation per (code, test set, machine, configuration).
    CREATE TABLE evaluation (
      id INTEGER PRIMARY KEY,
      code_sha256 TEXT NOT NULL,
      test_set_id INTEGER NOT NULL REFERENCES test_set(id),
      machine_id INTEGER NOT NULL REFERENCES machine(id),
      configuration_key TEXT NOT NULL,
      signal TEXT NOT NULL CHECK (signal IN ('cpu_time', 'instructions')),
      verdict TEXT NOT NULL,
      detail TEXT,
      passed INTEGER NOT NULL,
      efficiency REAL,
      level_efficiencies TEXT NOT NULL,
      time_limit REAL NOT NULL,
      limit_level INTEGER,
      performance_ratio REAL,
      dpe_level INTEGER,
      dps REAL,
      dps_norm REAL,
      elapsed_seconds REAL NOT NULL,
      created_at TEXT NOT NULL,
      UNIQUE (code_sha256, test_set_id, machine_id, configuration_key)
    );

    CREATE TABLE test_result (
      evaluation_id INTEGER NOT NULL REFERENCES evaluation(id) ON DELETE CASCADE,
      level INTEGER NOT NULL,
      case_index INTEGER NOT NULL,
      verdict TEXT NOT NULL,
      detail TEXT,
      signal TEXT NOT NULL,
      reference_time REAL,
      sample_time REAL,
      ratio REAL,
      ratio_relative_error REAL,
      PRIMARY KEY (evaluation_id, level, case_index)
    );

    -- Every repetition as measured: CPU time is the scoring signal; wall time and peak
    -- memory are kept beside it; instructions when the instruction meter was used.
    CREATE TABLE measurement (
      evaluation_id INTEGER NOT NULL REFERENCES evaluation(id) ON DELETE CASCADE,
      level INTEGER NOT NULL,
      case_index INTEGER NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('sample', 'reference')),
      repetition INTEGER NOT NULL,
      cpu_seconds REAL NOT NULL,
      wall_seconds REAL NOT NULL,
      max_rss_kb INTEGER NOT NULL,
      instructions INTEGER,
      PRIMARY KEY (evaluation_id, level, case_index, role, repetition)
    );

    CREATE TABLE metric (
      run_id INTEGER NOT NULL REFERENCES run(id) ON DELETE CASCADE,
      metric TEXT NOT NULL CHECK (metric IN ('pass', 'eff', 'dps', 'dps_norm')),
      k INTEGER,
      value REAL NOT NULL,
      ci_low REAL NOT NULL,
      ci_high REAL NOT NULL,
      problems INTEGER NOT NULL
    );
    CREATE UNIQUE INDEX metric_key ON metric(run_id, metric, ifnull(k, -1));

    -- The public interface (README: "SQL interface"): kept stable across versions.
    CREATE VIEW brisk_runs AS
      SELECT id AS run_id, submission, model, started_at, finished_at, status FROM run;

    CREATE VIEW brisk_sample_results AS
      SELECT s.run_id, s.problem_id, s.sample_index, s.code_sha256,
             e.verdict, e.passed, e.efficiency AS eff, e.dps, e.dps_norm, e.dpe_level
      FROM sample s
      JOIN run r ON r.id = s.run_id
      JOIN test_set t ON t.problem_version_id = s.problem_version_id
      LEFT JOIN evaluation e
        ON e.code_sha256 = s.code_sha256 AND e.test_set_id = t.id
       AND e.machine_id = r.machine_id AND e.configuration_key = r.configuration_key;

    CREATE VIEW brisk_metrics AS
      SELECT run_id, metric, k, value, ci_low, ci_high FROM metric;
    """
}
