import ArgumentParser

/// The exit codes idtrail documents (sysexits.h values where one fits).
extension ExitCode {
  /// No input could be read as any format (EX_DATAERR).
  static let noReadableInput = ExitCode(65)
  /// An input could not be opened (EX_IOERR).
  static let cannotOpenInput = ExitCode(74)
}
