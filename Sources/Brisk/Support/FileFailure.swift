import Foundation

/// A failed file operation in words. Foundation's own text on Linux says "The operation could
/// not be completed. (NSCocoaErrorDomain error 512.)"; the POSIX error underneath says "Is a
/// directory".
public enum FileFailure {
  /// Why the operation failed: the POSIX reason when Foundation kept one, else its text.
  public static func reason(_ error: any Error) -> String {
    let cocoa = error as NSError
    if let underlying = cocoa.userInfo[NSUnderlyingErrorKey] as? any Error {
      let posix = underlying as NSError
      if posix.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(posix.code))) }
    }
    if cocoa.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(cocoa.code))) }
    return cocoa.localizedDescription
  }

  /// `error` as a BriskError naming its file, when it is a Foundation file error that names
  /// one; nil for any other error.
  public static func named(_ error: any Error) -> BriskError? {
    let cocoa = error as NSError
    guard cocoa.domain == NSCocoaErrorDomain,
      let path = cocoa.userInfo[NSFilePathErrorKey] as? String
        ?? (cocoa.userInfo[NSURLErrorKey] as? URL)?.path
    else { return nil }
    return BriskError("\(path): \(reason(error))")
  }
}
