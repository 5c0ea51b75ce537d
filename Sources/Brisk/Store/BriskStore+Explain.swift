import Foundation
import GRDB

/// The per-test story of one evaluated sample, for `brisk explain`.
public struct SampleStory: Sendable {
  public struct TestLine: Sendable {
    public var level: Int
    public var index: Int
    public var verdict: String
    public var detail: String?
    public var signal: String
    public var referenceTime: Double?
    public var sampleTime: Double?
    public var ratio: Double?
    public var ratioRelativeError: Double?
    public var repetitions: Int
    public var peakMemoryKilobytes: Int?
  }

  public var result: SampleResult
  public var code: String
  public var detail: String?
  public var timeLimit: Double
  public var limitLevel: Int?
  public var levelEfficiencies: [Double]
  public var levelWeights: [Double]
  public var alpha: Double
  /// Seconds beyond T before a call is a time limit.
  public var limitSlack: Double
  public var performanceRatio: Double?
  public var calibration: [DPECalibration]
  public var tests: [TestLine]
}

extension BriskStore {
  /// One run's samples of one problem (all of them when `sampleIndex` is nil).
  public func stories(runID: Int64, problemID: String, sampleIndex: Int?) throws -> [SampleStory] {
    guard try runs().contains(where: { $0.id == runID }) else {
      throw BriskError("no run \(runID) in this store: `brisk leaderboard` lists the runs")
    }
    let results = try sampleResults(runID: runID).filter {
      $0.problemID == problemID && (sampleIndex == nil || $0.sampleIndex == sampleIndex)
    }
    if results.isEmpty {
      throw BriskError(
        "run \(runID) has no \(sampleIndex.map { "sample \($0) of " } ?? "samples of ")problem \(problemID)"
      )
    }
    return try writer.read { db in
      let run = try RunRecord.fetchOne(db, key: runID).orThrow()
      return try results.map { result in
        let sample = try SampleRecord.filter(
          Column("run_id") == runID && Column("problem_id") == problemID
            && Column("sample_index") == result.sampleIndex
        ).fetchOne(db).orThrow()
        let version = try ProblemVersionRecord.fetchOne(db, key: sample.problemVersionID).orThrow()
        let weights =
          (try? JSONDecoder().decode([Double].self, from: Data(version.levelWeights.utf8))) ?? []
        let code = String(decoding: try Self.blob(db, sample.codeSHA256), as: UTF8.self)
        let testSet = try TestSetRecord.filter(
          Column("problem_version_id") == sample.problemVersionID
        ).fetchOne(db)
        let evaluation = try EvaluationRecord.filter(
          Column("code_sha256") == sample.codeSHA256 && Column("test_set_id") == testSet?.id
            && Column("machine_id") == run.machineID
            && Column("configuration_key") == run.configurationKey
        ).fetchOne(db)
        // The levels as the meter that measured this sample calibrated them: a store that was
        // also scored with the other meter holds a second calibration of the same levels.
        let calibration = try CalibrationRecord.filter(
          Column("problem_version_id") == sample.problemVersionID
            && Column("machine_id") == run.machineID && Column("signal") == evaluation?.signal
        ).order(Column("level_index")).fetchAll(db).map {
          DPECalibration(
            file: $0.file, costRatio: $0.costRatio, relativeError: $0.relativeError, score: $0.score
          )
        }
        var lines: [SampleStory.TestLine] = []
        if let evaluation, let id = evaluation.id {
          let measurements = try MeasurementRecord.filter(Column("evaluation_id") == id).fetchAll(
            db)
          lines = try TestResultRecord.filter(Column("evaluation_id") == id)
            .order(Column("level"), Column("case_index")).fetchAll(db).map { test in
              let mine = measurements.filter {
                $0.level == test.level && $0.caseIndex == test.caseIndex && $0.role == "sample"
              }
              return SampleStory.TestLine(
                level: test.level, index: test.caseIndex, verdict: test.verdict,
                detail: test.detail,
                signal: test.signal, referenceTime: test.referenceTime, sampleTime: test.sampleTime,
                ratio: test.ratio, ratioRelativeError: test.ratioRelativeError,
                repetitions: mine.count,
                peakMemoryKilobytes: mine.map(\.maxRSSKilobytes).max())
            }
        }
        let efficiencies =
          evaluation.flatMap {
            try? JSONDecoder().decode([Double].self, from: Data($0.levelEfficiencies.utf8))
          } ?? []
        return SampleStory(
          result: result, code: code, detail: evaluation?.detail,
          timeLimit: evaluation?.timeLimit ?? 0,
          limitLevel: evaluation?.limitLevel, levelEfficiencies: efficiencies,
          levelWeights: weights,
          alpha: version.alpha, limitSlack: version.limitSlack,
          performanceRatio: evaluation?.performanceRatio,
          calibration: calibration,
          tests: lines)
      }
    }
  }
}
