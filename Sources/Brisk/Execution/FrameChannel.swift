import BriskSandbox
import Foundation

/// Frames to and from a trusted Python program (Sandbox/Runner/brisk_protocol.py): two
/// big-endian uint32 lengths, a JSON header, a binary payload.
struct FrameChannel {
  let process: SandboxProcess
  private static let encoder: JSONEncoder = {
    let encoder = JSONEncoder()
    // Swift orders a struct's keys differently from one encoding to the next; the runner's heap,
    // which every child inherits, then depended on the order (8 instructions a call under the
    // instruction meter).
    encoder.outputFormatting = .sortedKeys
    return encoder
  }()
  private static let decoder = JSONDecoder()

  func send<Header: Encodable>(_ header: Header, payload: [UInt8] = []) throws {
    let text = try Array(Self.encoder.encode(header))
    var frame = Self.bigEndian(UInt32(text.count)) + Self.bigEndian(UInt32(payload.count))
    frame += text
    frame += payload
    try process.write(frame)
  }

  /// The next frame; with a `deadline`, all of it must have arrived by then (`.stalled`).
  func receive<Reply: Decodable>(
    _ type: Reply.Type, deadline: ContinuousClock.Instant? = nil
  ) throws -> (Reply, [UInt8]) {
    let lengths = try process.read(exactly: 8, deadline: deadline)
    let headerLength = Int(Self.integer(lengths[0..<4]))
    let payloadLength = Int(Self.integer(lengths[4..<8]))
    let header = try process.read(exactly: headerLength, deadline: deadline)
    let payload =
      payloadLength > 0 ? try process.read(exactly: payloadLength, deadline: deadline) : []
    return (try Self.decoder.decode(Reply.self, from: Data(header)), payload)
  }

  /// The next frame if all of it arrives within `patience`; otherwise the program is stopped
  /// (it is stuck on what it was given, or never answers) and nil is returned.
  func receive<Reply: Decodable>(_ type: Reply.Type, within patience: Duration) throws
    -> (Reply, [UInt8])?
  {
    do {
      return try receive(type, deadline: .now + patience)
    } catch let error as SandboxError where error.code == .stalled {
      process.terminate()
      return nil
    }
  }

  /// Parts packed as brisk_protocol.pack_parts does: each prefixed by its uint32 length.
  static func packParts(_ parts: [[UInt8]]) -> [UInt8] {
    parts.flatMap { bigEndian(UInt32($0.count)) + $0 }
  }

  static func bigEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
  }

  static func integer(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    bytes.reduce(0) { $0 << 8 | UInt32($1) }
  }
}
