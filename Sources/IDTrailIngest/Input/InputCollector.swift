import Glibc

/// Expands the command line's inputs into the files to read, in a reproducible order.
///
/// Files are taken as given; folders are walked recursively with each folder's entries in byte
/// order of their names, skipping names that start with a dot; `-` stands for standard input.
/// Symbolic links are followed, but a folder already being walked is not entered again, so a link
/// loop ends. What cannot be read is listed as a problem and the rest goes on.
public enum InputCollector {
  public struct Collection: Sendable, Equatable {
    /// The inputs to read, in order.
    public var paths: [String] = []
    /// Paths that could not be taken, with why.
    public var problems: [InputError] = []
  }

  public static func collect(_ arguments: [String]) -> Collection {
    var collection = Collection()
    for argument in arguments {
      if argument == "-" {
        collection.paths.append(argument)
        continue
      }
      var visiting: Set<FileIdentity> = []
      add(argument, into: &collection, visiting: &visiting)
    }
    return collection
  }

  private struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64
  }

  private static func add(
    _ path: String, into collection: inout Collection, visiting: inout Set<FileIdentity>
  ) {
    var status = stat()
    guard stat(path, &status) == 0 else {
      var linkStatus = stat()
      let reason = lstat(path, &linkStatus) == 0 ? "broken symbolic link" : errnoText()
      collection.problems.append(.cannotOpen(path: path, reason: reason))
      return
    }
    switch status.st_mode & S_IFMT {
    case S_IFREG:
      collection.paths.append(path)
    case S_IFDIR:
      let identity = FileIdentity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
      guard visiting.insert(identity).inserted else { return }  // a link back into the walk
      defer { visiting.remove(identity) }
      guard let entries = listDirectory(path) else {
        collection.problems.append(.cannotOpen(path: path, reason: errnoText()))
        return
      }
      let prefix = path.hasSuffix("/") ? path : path + "/"
      for name in entries {
        add(prefix + name, into: &collection, visiting: &visiting)
      }
    default:
      collection.problems.append(.notARegularFile(path: path))
    }
  }

  /// The folder's entry names, without `.`, `..` and hidden names, sorted by their bytes.
  private static func listDirectory(_ path: String) -> [String]? {
    guard let directory = opendir(path) else { return nil }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
      }
      if name.hasPrefix(".") { continue }
      names.append(name)
    }
    return names.sorted { Array($0.utf8).lexicographicallyPrecedes($1.utf8) }
  }
}
