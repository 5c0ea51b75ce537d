import Foundation
import GRDB

/// Brisk's SQLite store: problems' versions, tests, runs, raw measurements and metrics.
/// One value owns the database; every method names an intent. Safe to share across threads,
/// and several processes may write to one file (WAL, with a busy timeout).
public struct BriskStore: Sendable {
  let writer: any DatabaseWriter

  init(writer: any DatabaseWriter) throws {
    self.writer = writer
    try StoreSchema.migrator.migrate(writer)
  }

  /// A store opened read-only, already at the current schema.
  private init(readingOnly queue: DatabaseQueue) {
    self.writer = queue
  }

  /// Opens the store at `path` for a command that reads results: it must exist and be a Brisk
  /// store. Never creates a file, and never adds Brisk's tables to another program's database.
  public static func openExisting(path: String) throws -> BriskStore {
    try openExisting(path: path, lockWait: StoreLockWait())
  }

  static func openExisting(path: String, lockWait: StoreLockWait) throws -> BriskStore {
    guard FileManager.default.fileExists(atPath: path) else {
      throw BriskError("\(path): no such store; `brisk score ... --db \(path)` creates one")
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    guard size > 0 else {
      throw BriskError(
        "\(path): an empty file, not a Brisk store: point --db at a store `brisk score` wrote")
    }
    do {
      var configuration = Configuration()
      configuration.readonly = true
      configuration.busyMode = lockWait.busyMode(path: path)
      let queue = try DatabaseQueue(path: path, configuration: configuration)
      let isBrisk = try queue.read { db in
        try db.tableExists("grdb_migrations") && db.tableExists("run")
      }
      guard isBrisk else {
        try queue.close()
        throw BriskError(
          "\(path): an SQLite database, but not a Brisk store (it has no runs): point --db at a "
            + "store `brisk score` wrote")
      }
      try queue.read { try refuseNewerSchema($0, path: path) }
      // A store at the current schema needs no migration, so no turn under the opening lock
      // (a reader waited as long as anything held it). One this user may only read (another
      // user's, a read-only mount) is read through the read-only connection.
      if try queue.read({ try StoreSchema.migrator.hasCompletedMigrations($0) }) {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard access(path, W_OK) == 0 && access(directory, W_OK) == 0 else {
          return BriskStore(readingOnly: queue)
        }
        try queue.close()
        var shared = Configuration()
        shared.busyMode = lockWait.busyMode(path: path)
        return try BriskStore(writer: DatabasePool(path: path, configuration: shared))
      }
      try queue.close()
    } catch let error as DatabaseError where error.resultCode == .SQLITE_READONLY {
      throw BriskError(
        "\(path): this user may not write in the store's directory, which SQLite needs in order "
          + "to read it (it keeps a shared-memory file, \(URL(fileURLWithPath: path).lastPathComponent)-shm, "
          + "beside the store): copy the store to a directory you can write to and read the copy")
    } catch let error as DatabaseError {
      throw BriskError("\(path): not a usable Brisk store (\(error.message ?? "\(error)"))")
    }
    return try open(path: path, lockWait: lockWait)  // an older schema: migrated first
  }

  /// Opens (or creates) the store at `path`.
  public static func open(path: String) throws -> BriskStore {
    try open(path: path, lockWait: StoreLockWait())
  }

  static func open(path: String, lockWait: StoreLockWait) throws -> BriskStore {
    var configuration = Configuration()
    configuration.busyMode = lockWait.busyMode(path: path)
    // Processes opening a store take turns. Two creating one file raced on switching it to
    // WAL and on migrating the schema (the loser's migration failed on a table or a column the
    // winner had added). The lock is an flock on the store's directory, held only while the
    // store opens. Never on the file itself: closing any descriptor of the database file
    // drops every fcntl lock this process holds on it, SQLite's included (with the lock on
    // the file, two processes sharing a new store sometimes left it without either's runs).
    let lock = OpeningLock(path: path)
    defer { lock.release() }
    try refuseForeignDatabase(path)
    var delay = 0.01
    let deadline = Date().addingTimeInterval(30)
    while true {
      do {
        return try BriskStore(writer: DatabasePool(path: path, configuration: configuration))
      } catch let error as DatabaseError where Self.isBusy(error) && Date() < deadline {
        // Another program holds the file (an sqlite3 shell): switching to WAL does not wait.
        Thread.sleep(forTimeInterval: delay * Double.random(in: 0.5...1.5))
        delay = min(delay * 2, 1)
      } catch let error as DatabaseError where Self.isBusy(error) {
        throw Self.described(error, path: path) ?? error
      } catch let error as DatabaseError {
        throw BriskError("\(path): not a usable Brisk store (\(error.message ?? "\(error)"))")
      }
    }
  }

  /// Refuses another program's SQLite database: Brisk would add its tables to it and switch it
  /// to WAL. An empty file or a Brisk store passes; so does a file that is not SQLite at all,
  /// which fails to open with its own message.
  private static func refuseForeignDatabase(_ path: String) throws {
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    guard size > 0 else { return }
    var configuration = Configuration()
    configuration.readonly = true
    guard let queue = try? DatabaseQueue(path: path, configuration: configuration),
      let tables = try? queue.read({ db in
        try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
      })
    else { return }
    defer { try? queue.close() }
    if !tables.isEmpty && !tables.contains("grdb_migrations") {
      throw BriskError(
        "\(path): an SQLite database of another program (tables \(tables.prefix(3).joined(separator: ", "))"
          + "\(tables.count > 3 ? ", ..." : "")), not a Brisk store: Brisk will not add its tables "
          + "to it; choose another --db")
    }
    if tables.contains("grdb_migrations") {
      try queue.read { try refuseNewerSchema($0, path: path) }
    }
  }

  /// Refuses a store a newer Brisk has migrated: this one does not know its tables' meaning,
  /// and writing to it (or reading its figures) could be wrong.
  private static func refuseNewerSchema(_ db: Database, path: String) throws {
    let known = Set(StoreSchema.migrator.migrations)
    let unknown = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
      .filter { !known.contains($0) }
    guard unknown.isEmpty else {
      throw BriskError(
        "\(path): written by a newer Brisk (schema steps this one does not know: "
          + "\(unknown.joined(separator: ", "))); use that Brisk, or a new --db with this one")
    }
  }

  static func isBusy(_ error: DatabaseError) -> Bool {
    error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
  }

  /// A database failure (or stored content found altered) in words that name the store and
  /// what to do; nil for another error.
  /// SQLite's own text ("SQLite error 13: database or disk is full - while executing INSERT
  /// ...") names neither.
  public static func described(_ error: any Error, path: String) -> BriskError? {
    if let altered = error as? AlteredTestContent {
      return BriskError(altered.message(store: path))
    }
    guard let error = error as? DatabaseError else { return nil }
    switch error.resultCode {
    case .SQLITE_FULL:
      return BriskError(
        "\(path): the disk is full. Every sample stored so far stays (each is stored in one "
          + "transaction): free space and run the same command again to go on")
    case .SQLITE_BUSY, .SQLITE_LOCKED:
      return BriskError(
        "\(path): another process kept the store locked for 60 s (an sqlite3 shell inside a "
          + "transaction?); end it and run the command again")
    case .SQLITE_READONLY:
      return BriskError(
        "\(path): the store cannot be written here (a read-only file, directory or mount)")
    case .SQLITE_CORRUPT, .SQLITE_NOTADB:
      return BriskError(
        "\(path): the store is damaged (\(error.message ?? "corrupt")); "
          + "`sqlite3 \(path) 'PRAGMA integrity_check'` says where")
    case .SQLITE_IOERR, .SQLITE_CANTOPEN:
      return BriskError(
        "\(path): the store could not be read or written (\(error.message ?? "I/O error"))")
    default:
      return nil
    }
  }

  /// An exclusive flock on the directory holding a store, taken before the store opens.
  /// Without a directory to lock (one that does not exist), opening goes ahead and reports the
  /// path's problem.
  private struct OpeningLock {
    let descriptor: Int32

    init(path: String) {
      let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
      descriptor = Glibc.open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
      if descriptor >= 0 { while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {} }
    }

    func release() {
      if descriptor >= 0 { Glibc.close(descriptor) }
    }
  }

  /// One spelling per store file: `./brisk.sqlite`, an absolute path and a symlink agree.
  public static func canonicalPath(_ path: String) -> String {
    URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
  }

  /// A store in memory, for tests.
  public static func inMemory() throws -> BriskStore {
    try BriskStore(writer: DatabaseQueue())
  }

  // MARK: - Machines and problems

  /// The id of this machine's row, created on first use.
  func machineID(_ machine: MachineFingerprint) throws -> Int64 {
    try writer.write { db in
      if let existing = try MachineRecord.filter(Column("fingerprint") == machine.hash).fetchOne(
        db),
        let id = existing.id
      {
        return id
      }
      var record = MachineRecord(
        id: nil, fingerprint: machine.hash, cpuModel: machine.cpuModel, cores: machine.cores,
        kernel: machine.kernel, pythonVersion: machine.pythonVersion,
        briskVersion: machine.briskVersion)
      try record.insert(db)
      return try record.id.orThrow()
    }
  }

  /// The id of this problem version's row, if one is stored.
  func storedProblemVersionID(_ problem: Problem) throws -> Int64? {
    try writer.read { db in try Self.problemVersionID(db, problem) }
  }

  private static func problemVersionID(_ db: Database, _ problem: Problem) throws -> Int64? {
    try ProblemVersionRecord.filter(
      Column("problem_id") == problem.id && Column("version") == problem.version
    ).fetchOne(db)?.id
  }

  /// The id of this problem version's row, created on first use.
  func problemVersionID(_ problem: Problem) throws -> Int64 {
    try writer.write { db in
      if let id = try Self.problemVersionID(db, problem) { return id }
      let weights = problem.levels.map { String($0.weight) }.joined(separator: ",")
      var record = ProblemVersionRecord(
        id: nil, problemID: problem.id, version: problem.version, title: problem.title,
        entryPoint: problem.entryPoint, alpha: problem.alpha, limitSlack: problem.limitSlack,
        levelWeights: "[\(weights)]",
        createdAt: Date())
      try record.insert(db)
      return try record.id.orThrow()
    }
  }

  // MARK: - Tests

  /// The stored tests of a problem version, with the id of their set.
  func testSet(problemVersionID: Int64, problem: Problem) throws -> (id: Int64, tests: TestSet)? {
    try writer.read { db in
      guard
        let set = try TestSetRecord.filter(Column("problem_version_id") == problemVersionID)
          .fetchOne(db), let id = set.id
      else { return nil }
      let rows = try TestCaseRecord.filter(Column("test_set_id") == id)
        .order(Column("level"), Column("case_index")).fetchAll(db)
      let cases = try rows.map { row in
        TestCase(
          level: row.level, index: row.caseIndex, seed: UInt64(row.seed),
          input: try Self.blob(db, row.inputHash), inputHash: row.inputHash,
          expected: try Self.blob(db, row.expectedHash), expectedHash: row.expectedHash,
          baselineTime: row.baselineCPUSeconds)
      }
      return (id, TestSet(problemID: problem.id, problemVersion: problem.version, cases: cases))
    }
  }

  /// Stores a materialized test set; returns its id (an existing one if another process won).
  func saveTestSet(_ tests: TestSet, problemVersionID: Int64) throws -> Int64 {
    try writer.write { db in
      if let existing = try TestSetRecord.filter(Column("problem_version_id") == problemVersionID)
        .fetchOne(db), let id = existing.id
      {
        return id
      }
      var set = TestSetRecord(
        id: nil, problemVersionID: problemVersionID, hash: tests.hash, createdAt: Date())
      try set.insert(db)
      let id = try set.id.orThrow()
      for test in tests.cases {
        try Self.saveBlob(db, hash: test.inputHash, test.input)
        try Self.saveBlob(db, hash: test.expectedHash, test.expected)
        try TestCaseRecord(
          testSetID: id, level: test.level, caseIndex: test.index, seed: Int64(test.seed),
          inputHash: test.inputHash, expectedHash: test.expectedHash,
          baselineCPUSeconds: test.baselineTime
        ).insert(db)
      }
      return id
    }
  }

  // MARK: - DPE calibration

  func calibration(problemVersionID: Int64, machineID: Int64, meter: Meter) throws
    -> [DPECalibration]?
  {
    try writer.read { db in
      let rows = try CalibrationRecord.filter(
        Column("problem_version_id") == problemVersionID && Column("machine_id") == machineID
          && Column("signal") == meter.signal
      ).order(Column("level_index")).fetchAll(db)
      guard !rows.isEmpty else { return nil }
      return rows.map {
        DPECalibration(
          file: $0.file, costRatio: $0.costRatio, relativeError: $0.relativeError, score: $0.score)
      }
    }
  }

  func saveCalibration(
    _ levels: [DPECalibration], problemVersionID: Int64, machineID: Int64, meter: Meter
  ) throws {
    try writer.write { db in
      for (index, level) in levels.enumerated() {
        try CalibrationRecord(
          problemVersionID: problemVersionID, machineID: machineID, signal: meter.signal,
          levelIndex: index,
          file: level.file, costRatio: level.costRatio, relativeError: level.relativeError,
          score: level.score
        ).upsert(db)
      }
    }
  }

  // MARK: - Blobs

  static func saveBlob(_ db: Database, hash: String, _ content: [UInt8]) throws {
    try db.execute(
      sql: "INSERT OR IGNORE INTO blob (hash, content) VALUES (?, ?)",
      arguments: [hash, Data(content)])
  }

  static func blob(_ db: Database, _ hash: String) throws -> [UInt8] {
    guard
      let data = try Data.fetchOne(
        db, sql: "SELECT content FROM blob WHERE hash = ?", arguments: [hash])
    else { throw BriskError("the store lacks blob \(hash): it is damaged") }
    return Array(data)
  }

  /// The text of stored code.
  func code(_ hash: String) throws -> String {
    try writer.read { db in String(decoding: try Self.blob(db, hash), as: UTF8.self) }
  }
}

extension Optional {
  /// The wrapped value, or an error for a row id the database failed to assign.
  func orThrow() throws -> Wrapped {
    guard let value = self else { throw BriskError("internal: the store returned no row id") }
    return value
  }
}
