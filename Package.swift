// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Brisk",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "brisk", targets: ["brisk"]),
    .executable(name: "brisk-launch", targets: ["brisk-launch"]),
    .library(name: "Brisk", targets: ["Brisk"]),
    .library(name: "BriskMetrics", targets: ["BriskMetrics"]),
    .library(name: "BriskSandbox", targets: ["BriskSandbox"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  ],
  targets: [
    // MARK: - Sandbox: C and trusted Python under Sandbox/, one folder per target

    /// The launcher: namespaces, private root, rlimits, seccomp, supervisor; measures from
    /// outside and reports JSON. Linked statically: loading the Swift runtime SwiftPM links
    /// into executables cost 1.6 ms per launch.
    .executableTarget(
      name: "brisk-launch",
      path: "Sandbox/Launcher",
      cSettings: [.define("_GNU_SOURCE"), .unsafeFlags(["-Wall", "-Wno-unused-parameter"])],
      linkerSettings: [.linkedLibrary("seccomp"), .unsafeFlags(["-static-executable"])]
    ),
    /// The few Linux calls Swift's Glibc module lacks (posix_spawn closefrom, memfd, seals).
    .target(name: "CBriskSystem", path: "Sandbox/SystemShim"),
    /// The trusted Python programs (fork-server runner, judge, generator driver, prompt-example
    /// checker), embedded.
    .target(
      name: "BriskRunner",
      path: "Sandbox/Runner",
      resources: [
        .embedInCode("brisk_values.py"), .embedInCode("brisk_protocol.py"),
        .embedInCode("brisk_runner.py"), .embedInCode("brisk_judge.py"),
        .embedInCode("brisk_generate.py"), .embedInCode("brisk_examples.py"),
        .embedInCode("brisk_build.py"),
        .embedInCode("brisk_calls.c"),
      ]
    ),

    // MARK: - Libraries

    /// Pure metrics: pass@k, eff@k, per-sample efficiency, DPE, bootstrap. No I/O.
    .target(name: "BriskMetrics"),
    /// Runs untrusted programs through brisk-launch and classifies what happened.
    .target(name: "BriskSandbox", dependencies: ["CBriskSystem"]),
    /// Problems, tests, measurement, scoring, storage and reports.
    .target(
      name: "Brisk",
      dependencies: [
        "BriskMetrics", "BriskSandbox", "BriskRunner",
        .product(name: "TOMLKit", package: "TOMLKit"),
        .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),

    // MARK: - Command line

    .executableTarget(
      name: "brisk",
      dependencies: [
        "Brisk", "BriskSandbox",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // MARK: - Tests

    /// Size tags, fixture paths and process listings shared by the test targets.
    .target(name: "BriskTestSupport", path: "Tests/BriskTestSupport"),
    .testTarget(name: "BriskMetricsTests", dependencies: ["BriskMetrics", "BriskTestSupport"]),
    .testTarget(
      name: "BriskSandboxTests",
      dependencies: ["BriskSandbox", "BriskTestSupport"]
    ),
    .testTarget(
      name: "BriskTests",
      dependencies: ["Brisk", "BriskTestSupport", .product(name: "GRDB", package: "GRDB.swift")]
    ),
    /// Runs the built `brisk` binary: help text, JSON output, end-to-end behaviour.
    .testTarget(name: "BriskCLITests", dependencies: ["BriskTestSupport"]),
  ]
)
