import BriskMetrics
import Foundation
import GRDB

/// A sample to store with its run.
struct SampleEntry: Sendable {
  var problemID: String
  var sampleIndex: Int
  var problemVersionID: Int64
  var code: String
  var codeSHA256: String
}

extension BriskStore {
  /// The run with this key, resumed if it exists, else created with its samples.
  func startRun(
    key: String, submission: String, submissionHash: String, model: String,
    configuration: String, configurationKey: String, machineID: Int64, samples: [SampleEntry],
    onlyCorrectSamples: Bool = false, decoding: [String: String] = [:]
  ) throws -> (run: StoredRun, resumed: Bool) {
    try writer.write { db in
      if var existing = try RunRecord.filter(Column("run_key") == key).fetchOne(db),
        let id = existing.id
      {
        // The samples are the same (they are in the key); the declared settings may have been
        // corrected since. A complete run stays complete: everything in it is measured, and
        // scoring it again only reads it (and adds k values), so a kill meanwhile must not
        // leave it looking unfinished.
        let declared = try Self.json(decoding)
        if existing.decoding != declared {
          existing.decoding = declared
          try existing.update(db)
        }
        return (try Self.storedRun(db, existing, id: id), true)
      }
      var run = RunRecord(
        id: nil, runKey: key, submission: submission, submissionHash: submissionHash, model: model,
        configuration: configuration, configurationKey: configurationKey, machineID: machineID,
        startedAt: Date(), finishedAt: nil, status: "running",
        onlyCorrectSamples: onlyCorrectSamples, decoding: try Self.json(decoding))
      try run.insert(db)
      let id = try run.id.orThrow()
      for sample in samples {
        try Self.saveBlob(db, hash: sample.codeSHA256, Array(sample.code.utf8))
        var record = SampleRecord(
          id: nil, runID: id, problemID: sample.problemID, sampleIndex: sample.sampleIndex,
          problemVersionID: sample.problemVersionID, codeSHA256: sample.codeSHA256)
        try record.insert(db)
      }
      return (try Self.storedRun(db, run, id: id), false)
    }
  }

  /// A fresh run's key: the run's identity (submission, model, settings, machine, problem
  /// versions), then the name that sets it apart from the other fresh runs of that identity.
  static func freshRunKey(identity: String, freshness: String) -> String {
    "\(identity) fresh \(freshness)"
  }

  /// The name of the latest unfinished fresh run of this identity, if any.
  func unfinishedFreshRun(identity: String) throws -> String? {
    let prefix = Self.freshRunKey(identity: identity, freshness: "")
    return try writer.read { db in
      try String.fetchOne(
        db,
        sql: """
          SELECT substr(run_key, ?) FROM run
          WHERE status = 'running' AND substr(run_key, 1, ?) = ? ORDER BY id DESC LIMIT 1
          """, arguments: [prefix.count + 1, prefix.count, prefix])
    }
  }

  /// The unfinished runs of this submission and model, each with whether it was fresh.
  func unfinishedRuns(submissionHash: String, model: String) throws
    -> [(run: StoredRun, fresh: Bool)]
  {
    try writer.read { db in
      try RunRecord.filter(
        Column("submission_hash") == submissionHash && Column("model") == model
          && Column("status") == "running"
      ).order(Column("id")).fetchAll(db).map { record in
        (
          try Self.storedRun(db, record, id: try record.id.orThrow()),
          record.runKey.contains(Self.freshRunKey(identity: "", freshness: ""))
        )
      }
    }
  }

  static func storedRun(_ db: Database, _ record: RunRecord, id: Int64) throws -> StoredRun {
    let machine = try MachineRecord.fetchOne(db, key: record.machineID).map {
      MachineFingerprint(
        cpuModel: $0.cpuModel, cores: $0.cores, kernel: $0.kernel, pythonVersion: $0.pythonVersion,
        briskVersion: $0.briskVersion)
    }
    return StoredRun(
      id: id, submission: record.submission, model: record.model,
      configuration: record.configuration, startedAt: record.startedAt,
      finishedAt: record.finishedAt, status: record.status, machine: machine,
      onlyCorrectSamples: record.onlyCorrectSamples,
      decoding: (try? JSONDecoder().decode([String: String].self, from: Data(record.decoding.utf8)))
        ?? [:])
  }

  /// Settings as a JSON object with sorted keys.
  static func json(_ settings: [String: String]) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    return String(decoding: try encoder.encode(settings), as: UTF8.self)
  }

  /// Whether this code was already evaluated on these tests, here, in this configuration.
  func hasEvaluation(
    codeSHA256: String, testSetID: Int64, machineID: Int64, configurationKey: String
  )
    throws -> Bool
  {
    try writer.read { db in
      try EvaluationRecord.filter(
        Column("code_sha256") == codeSHA256 && Column("test_set_id") == testSetID
          && Column("machine_id") == machineID && Column("configuration_key") == configurationKey
      ).fetchCount(db) > 0
    }
  }

  /// Stores one evaluation with its per-test results and every raw measurement, in one
  /// transaction: after a crash it is either all there or absent. If another process stored
  /// the same evaluation first, this one is dropped.
  func saveEvaluation(
    _ evaluation: SampleEvaluation, codeSHA256: String, testSetID: Int64, machineID: Int64,
    configurationKey: String
  ) throws {
    try writer.write { db in
      let exists =
        try EvaluationRecord.filter(
          Column("code_sha256") == codeSHA256 && Column("test_set_id") == testSetID
            && Column("machine_id") == machineID && Column("configuration_key") == configurationKey
        ).fetchCount(db) > 0
      if exists { return }
      let efficiency = evaluation.efficiency
      var record = EvaluationRecord(
        id: nil, codeSHA256: codeSHA256, testSetID: testSetID, machineID: machineID,
        configurationKey: configurationKey, signal: evaluation.signal,
        verdict: evaluation.verdict.name, detail: evaluation.verdict.detail,
        passed: efficiency.passed,
        efficiency: evaluation.measuresEfficiency ? efficiency.efficiency : nil,
        levelEfficiencies: "["
          + efficiency.levelEfficiencies.map { String($0) }.joined(separator: ",") + "]",
        timeLimit: efficiency.timeLimit, limitLevel: efficiency.limitLevel,
        performanceRatio: evaluation.performanceRatio, dpeLevel: evaluation.dpe?.level,
        dps: evaluation.dpe?.score, dpsNorm: evaluation.dpe?.normalizedScore,
        elapsedSeconds: evaluation.elapsedSeconds, otherCPUs: evaluation.otherCPUs,
        createdAt: Date())
      try record.insert(db)
      let id = try record.id.orThrow()
      for test in evaluation.tests {
        try TestResultRecord(
          evaluationID: id, level: test.level, caseIndex: test.index, verdict: test.verdict.name,
          detail: test.detail, signal: evaluation.signal, referenceTime: test.referenceTime,
          sampleTime: test.sampleTime, ratio: test.ratio?.ratio,
          ratioRelativeError: test.ratio.flatMap {
            $0.relativeError.isFinite ? $0.relativeError : nil
          }
        ).insert(db)
        for (role, calls) in [("sample", test.sample), ("reference", test.reference)] {
          for (repetition, call) in calls.enumerated() {
            try MeasurementRecord(
              evaluationID: id, level: test.level, caseIndex: test.index, role: role,
              repetition: repetition, cpuSeconds: call.cpu, wallSeconds: call.wall,
              maxRSSKilobytes: call.maxRSSKilobytes, instructions: call.instructions
            ).insert(db)
          }
        }
      }
    }
  }

  /// Every sample of a run with its result so far (the `brisk_sample_results` view).
  public func sampleResults(runID: Int64) throws -> [SampleResult] {
    try writer.read { db in
      try Row.fetchAll(
        db,
        sql:
          "SELECT * FROM brisk_sample_results WHERE run_id = ? ORDER BY problem_id, sample_index",
        arguments: [runID]
      ).map { row in
        SampleResult(
          runID: row["run_id"], problemID: row["problem_id"], sampleIndex: row["sample_index"],
          codeSHA256: row["code_sha256"], verdict: row["verdict"], passed: row["passed"],
          efficiency: row["eff"], dps: row["dps"], dpsNorm: row["dps_norm"],
          dpeLevel: row["dpe_level"], otherCPUs: row["other_cpus"])
      }
    }
  }

  /// Replaces a run's metrics and marks it complete.
  /// Marks a run complete with `metrics`, which replace the stored ones of the same name and k.
  /// Others stay: rerunning a finished run with another --k (the same samples and evaluations)
  /// adds its figures and keeps the earlier ones.
  func completeRun(_ runID: Int64, metrics: [MetricValue]) throws {
    try writer.write { db in
      for metric in metrics {
        try db.execute(
          sql: "DELETE FROM metric WHERE run_id = ? AND metric = ? AND ifnull(k, -1) = ?",
          arguments: [runID, metric.metric, metric.k ?? -1])
        try MetricRecord(
          runID: runID, metric: metric.metric, k: metric.k, value: metric.value,
          ciLow: metric.interval.low, ciHigh: metric.interval.high, problems: metric.problems
        ).insert(db)
      }
      // Finished when it first completed: reading it again later changes no measurement.
      try db.execute(
        sql:
          "UPDATE run SET status = 'complete', finished_at = ifnull(finished_at, ?) WHERE id = ?",
        arguments: [Date(), runID])
    }
  }

  /// Every run, oldest first.
  public func runs() throws -> [StoredRun] {
    try writer.read { db in
      try RunRecord.order(Column("id")).fetchAll(db).map {
        try Self.storedRun(db, $0, id: $0.id.orThrow())
      }
    }
  }

  /// One run's metrics.
  public func metrics(runID: Int64) throws -> [MetricValue] {
    try writer.read { db in
      try MetricRecord.filter(Column("run_id") == runID).order(Column("metric"), Column("k"))
        .fetchAll(db).map {
          MetricValue(
            metric: $0.metric, k: $0.k, value: $0.value,
            interval: ConfidenceInterval(low: $0.ciLow, high: $0.ciHigh), problems: $0.problems)
        }
    }
  }
}

extension BriskStore {
  /// The most DPE levels any problem of a run declares (0 without calibrations).
  func dpeLevelCount(runID: Int64) throws -> Int {
    try writer.read { db in
      try Int.fetchOne(
        db,
        sql: """
          SELECT max(levels) FROM (
            SELECT count(*) AS levels FROM dpe_calibration c
            JOIN run r ON r.machine_id = c.machine_id
            JOIN sample s ON s.run_id = r.id AND s.problem_version_id = c.problem_version_id
            WHERE r.id = ? GROUP BY c.problem_version_id, c.signal, s.id)
          """, arguments: [runID]) ?? 0
    }
  }

  /// The version (content hash) of every problem a run scored, by problem id: two runs that
  /// share an id may have scored different problems (an edited one, or another benchmark's).
  public func problemVersions(runID: Int64) throws -> [String: String] {
    try writer.read { db in
      let rows = try Row.fetchAll(
        db,
        sql: """
          SELECT DISTINCT s.problem_id, v.version FROM sample s
          JOIN problem_version v ON v.id = s.problem_version_id WHERE s.run_id = ?
          """, arguments: [runID])
      return Dictionary(
        rows.map { ($0["problem_id"] as String, $0["version"] as String) },
        uniquingKeysWith: { first, _ in first })
    }
  }

  /// The store's runs as the `brisk_runs` view shows them, with each one's configuration.
  public func run(_ id: Int64) throws -> StoredRun? {
    try runs().first { $0.id == id }
  }
}
