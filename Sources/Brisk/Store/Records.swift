import Foundation
import GRDB

/// One record type per table; columns come from the coding keys.

struct MachineRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
  static let databaseTableName = "machine"
  var id: Int64?
  var fingerprint: String
  var cpuModel: String
  var cores: Int
  var kernel: String
  var pythonVersion: String
  var briskVersion: String

  enum CodingKeys: String, CodingKey {
    case id, fingerprint, kernel, cores
    case cpuModel = "cpu_model"
    case pythonVersion = "python_version"
    case briskVersion = "brisk_version"
  }

  mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct ProblemVersionRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
  static let databaseTableName = "problem_version"
  var id: Int64?
  var problemID: String
  var version: String
  var title: String
  var entryPoint: String
  var alpha: Double
  var limitSlack: Double
  var levelWeights: String
  var createdAt: Date

  enum CodingKeys: String, CodingKey {
    case id, version, title, alpha
    case limitSlack = "limit_slack"
    case problemID = "problem_id"
    case entryPoint = "entry_point"
    case levelWeights = "level_weights"
    case createdAt = "created_at"
  }

  mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct TestSetRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
  static let databaseTableName = "test_set"
  var id: Int64?
  var problemVersionID: Int64
  var hash: String
  var createdAt: Date

  enum CodingKeys: String, CodingKey {
    case id, hash
    case problemVersionID = "problem_version_id"
    case createdAt = "created_at"
  }

  mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct TestCaseRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
  static let databaseTableName = "test_case"
  var testSetID: Int64
  var level: Int
  var caseIndex: Int
  var seed: Int64
  var inputHash: String
  var expectedHash: String
  var baselineCPUSeconds: Double

  enum CodingKeys: String, CodingKey {
    case level, seed
    case testSetID = "test_set_id"
    case caseIndex = "case_index"
    case inputHash = "input_hash"
    case expectedHash = "expected_hash"
    case baselineCPUSeconds = "baseline_cpu_seconds"
  }
}

struct CalibrationRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
  static let databaseTableName = "dpe_calibration"
  var problemVersionID: Int64
  var machineID: Int64
  var signal: String
  var levelIndex: Int
  var file: String
  var costRatio: Double
  var relativeError: Double
  var score: Double?

  enum CodingKeys: String, CodingKey {
    case file, score, signal
    case problemVersionID = "problem_version_id"
    case machineID = "machine_id"
    case levelIndex = "level_index"
    case costRatio = "cost_ratio"
    case relativeError = "relative_error"
  }
}

struct RunRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
  static let databaseTableName = "run"
  var id: Int64?
  var runKey: String
  var submission: String
  var submissionHash: String
  var model: String
  var configuration: String
  var configurationKey: String
  var machineID: Int64
  var startedAt: Date
  var finishedAt: Date?
  var status: String
  var onlyCorrectSamples: Bool
  /// A JSON object of strings.
  var decoding: String

  enum CodingKeys: String, CodingKey {
    case id, submission, model, configuration, status, decoding
    case onlyCorrectSamples = "only_correct_samples"
    case runKey = "run_key"
    case submissionHash = "submission_hash"
    case configurationKey = "configuration_key"
    case machineID = "machine_id"
    case startedAt = "started_at"
    case finishedAt = "finished_at"
  }

  mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct SampleRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
  static let databaseTableName = "sample"
  var id: Int64?
  var runID: Int64
  var problemID: String
  var sampleIndex: Int
  var problemVersionID: Int64
  var codeSHA256: String

  enum CodingKeys: String, CodingKey {
    case id
    case runID = "run_id"
    case problemID = "problem_id"
    case sampleIndex = "sample_index"
    case problemVersionID = "problem_version_id"
    case codeSHA256 = "code_sha256"
  }

  mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct EvaluationRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
  static let databaseTableName = "evaluation"
  var id: Int64?
  var codeSHA256: String
  var testSetID: Int64
  var machineID: Int64
  var configurationKey: String
  var signal: String
  var verdict: String
  var detail: String?
  var passed: Bool
  /// Null for a correctness-only problem.
  var efficiency: Double?
  var levelEfficiencies: String
  var timeLimit: Double
  var limitLevel: Int?
  var performanceRatio: Double?
  var dpeLevel: Int?
  var dps: Double?
  var dpsNorm: Double?
  /// Wall time of the whole evaluation: every call, judgement and runner start.
  var elapsedSeconds: Double
  /// CPUs other processes kept busy meanwhile (HostLoad); nil when unknown.
  var otherCPUs: Double?
  var createdAt: Date

  enum CodingKeys: String, CodingKey {
    case id, signal, verdict, detail, passed, efficiency, dps
    case codeSHA256 = "code_sha256"
    case testSetID = "test_set_id"
    case machineID = "machine_id"
    case configurationKey = "configuration_key"
    case levelEfficiencies = "level_efficiencies"
    case timeLimit = "time_limit"
    case limitLevel = "limit_level"
    case performanceRatio = "performance_ratio"
    case dpeLevel = "dpe_level"
    case dpsNorm = "dps_norm"
    case elapsedSeconds = "elapsed_seconds"
    case otherCPUs = "other_cpus"
    case createdAt = "created_at"
  }

  mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct TestResultRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
  static let databaseTableName = "test_result"
  var evaluationID: Int64
  var level: Int
  var caseIndex: Int
  var verdict: String
  var detail: String?
  var signal: String
  var referenceTime: Double?
  var sampleTime: Double?
  var ratio: Double?
  var ratioRelativeError: Double?

  enum CodingKeys: String, CodingKey {
    case level, verdict, detail, signal, ratio
    case evaluationID = "evaluation_id"
    case caseIndex = "case_index"
    case referenceTime = "reference_time"
    case sampleTime = "sample_time"
    case ratioRelativeError = "ratio_relative_error"
  }
}

struct MeasurementRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
  static let databaseTableName = "measurement"
  var evaluationID: Int64
  var level: Int
  var caseIndex: Int
  var role: String
  var repetition: Int
  var cpuSeconds: Double
  var wallSeconds: Double
  var maxRSSKilobytes: Int
  var instructions: Int64?

  enum CodingKeys: String, CodingKey {
    case level, role, repetition, instructions
    case evaluationID = "evaluation_id"
    case caseIndex = "case_index"
    case cpuSeconds = "cpu_seconds"
    case wallSeconds = "wall_seconds"
    case maxRSSKilobytes = "max_rss_kb"
  }
}

struct MetricRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
  static let databaseTableName = "metric"
  var runID: Int64
  var metric: String
  var k: Int?
  var value: Double
  var ciLow: Double
  var ciHigh: Double
  var problems: Int

  enum CodingKeys: String, CodingKey {
    case metric, k, value, problems
    case runID = "run_id"
    case ciLow = "ci_low"
    case ciHigh = "ci_high"
  }
}
