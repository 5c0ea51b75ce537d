// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "Brisk",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "brisk", targets: ["brisk"]),
    .executable(name: "brisk-launch", targets: ["brisk-launch"]),
    .library(name: "BriskSandbox", targets: ["BriskSandbox"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    // MARK: - Sandbox: C under Sandbox/, one folder per target

    /// The launcher: namespaces, private root, rlimits, seccomp, supervisor; measures from
    /// outside and reports JSON.
    .executableTarget(
      name: "brisk-launch",
      path: "Sandbox/Launcher",
      cSettings: [.define("_GNU_SOURCE"), .unsafeFlags(["-Wall", "-Wno-unused-parameter"])],
      linkerSettings: [.linkedLibrary("seccomp"), .unsafeFlags(["-static-executable"])]
    ),
    /// The few Linux calls Swift's Glibc module lacks (posix_spawn closefrom, memfd, seals).
    .target(name: "CBriskSystem", path: "Sandbox/SystemShim"),

    // MARK: - Libraries

    /// Runs untrusted programs through brisk-launch and classifies what happened.
    .target(name: "BriskSandbox", dependencies: ["CBriskSystem"]),

    // MARK: - Command line

    .executableTarget(
      name: "brisk",
      dependencies: [
        "BriskSandbox",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),

    // MARK: - Tests

    /// Size tags, fixture paths and process listings shared by the test targets.
    .target(name: "BriskTestSupport", path: "Tests/BriskTestSupport"),
    .testTarget(
      name: "BriskSandboxTests",
      dependencies: ["BriskSandbox", "BriskTestSupport"]
    ),
    /// Runs the built `brisk` binary: help text, JSON output, end-to-end behaviour.
    .testTarget(name: "BriskCLITests", dependencies: ["BriskTestSupport"]),
  ]
)
