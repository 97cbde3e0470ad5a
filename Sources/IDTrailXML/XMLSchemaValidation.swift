internal import CLibXML2

/// Checks an XML document against an XML Schema (XSD 1.0) with libxml2.
///
/// Both texts are parsed as XMLRecordReader parses inputs: without network access
/// (`XML_PARSE_NONET`), without substituting entities or loading DTDs. libxml2 fetches the
/// documents a schema includes, imports or redefines with neither guard, so a schema that does any
/// of these is refused rather than parsed. Every pointer stays inside `validate`; what libxml2
/// reports is copied into `XMLSchemaValidationError`.
public enum XMLSchemaValidation {
  /// Validates `document` against `schema`.
  ///
  /// - Parameters:
  ///   - document: the XML text to check.
  ///   - schema: the XSD text.
  ///   - documentName: how errors name the document (a file name).
  /// - Throws: `XMLSchemaValidationError` saying whether the schema is unusable, the document is
  ///   not well-formed, or the document breaks the schema, with libxml2's line numbers and words.
  public static func validate(_ document: String, against schema: String, documentName: String = "document")
    throws(XMLSchemaValidationError)
  {
    XMLParserSetup.ensureInitialised()
    let schemaDocument = try parse(schema, name: "schema", stage: .schema)
    defer { xmlFreeDoc(schemaDocument) }
    try refuseExternalSchemaDocuments(schemaDocument)

    let collector = ProblemCollector()
    let context = Unmanaged.passUnretained(collector).toOpaque()
    guard let parserContext = xmlSchemaNewDocParserCtxt(schemaDocument) else {
      throw XMLSchemaValidationError(
        stage: .schema, name: "schema",
        problems: [.init(line: 0, message: "libxml2 could not start a schema parser")])
    }
    defer { xmlSchemaFreeParserCtxt(parserContext) }
    xmlSchemaSetParserStructuredErrors(
      parserContext, { context, error in ProblemCollector.record(error, in: context) }, context)
    guard let compiled = xmlSchemaParse(parserContext) else {
      throw XMLSchemaValidationError(stage: .schema, name: "schema", problems: collector.problems)
    }
    defer { xmlSchemaFree(compiled) }

    let parsed = try parse(document, name: documentName, stage: .document)
    defer { xmlFreeDoc(parsed) }
    guard let validContext = xmlSchemaNewValidCtxt(compiled) else {
      throw XMLSchemaValidationError(
        stage: .validation, name: documentName,
        problems: [.init(line: 0, message: "libxml2 could not start a validator")])
    }
    defer { xmlSchemaFreeValidCtxt(validContext) }
    xmlSchemaSetValidStructuredErrors(
      validContext, { context, error in ProblemCollector.record(error, in: context) }, context)
    let result = withExtendedLifetime(collector) { xmlSchemaValidateDoc(validContext, parsed) }
    guard result == 0 else {
      let problems =
        collector.problems.isEmpty
        ? [XMLSchemaValidationError.Problem(line: 0, message: "libxml2 failed to validate (code \(result))")]
        : collector.problems
      throw XMLSchemaValidationError(stage: .validation, name: documentName, problems: problems)
    }
  }

  /// Network-free, quiet (errors are read from the context), never substituting entities or
  /// loading DTDs.
  private static let options = Int32(
    XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)

  private static func parse(_ text: String, name: String, stage: XMLSchemaValidationError.Stage)
    throws(XMLSchemaValidationError) -> xmlDocPtr
  {
    var bytes = Array(text.utf8)
    guard bytes.count < Int(Int32.max) else {
      throw XMLSchemaValidationError(
        stage: stage, name: name, problems: [.init(line: 0, message: "larger than 2 GiB")])
    }
    guard let parser = xmlNewParserCtxt() else {
      throw XMLSchemaValidationError(
        stage: stage, name: name, problems: [.init(line: 0, message: "libxml2 could not start a parser")])
    }
    defer { xmlFreeParserCtxt(parser) }
    let document = bytes.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.map { base in
        base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { characters in
          xmlCtxtReadMemory(parser, characters, Int32(buffer.count), name, "UTF-8", options)
        }
      } ?? nil
    }
    guard let document else {
      let error = xmlCtxtGetLastError(parser).map { ProblemCollector.problem(from: $0.pointee) }
      throw XMLSchemaValidationError(
        stage: stage == .schema ? .schema : .document, name: name,
        problems: [error ?? .init(line: 0, message: "the text is empty or not XML")])
    }
    return document
  }

  /// Throws when the schema's top level includes, imports, redefines or overrides another schema
  /// document, which libxml2 would load from wherever it points.
  private static func refuseExternalSchemaDocuments(_ schema: xmlDocPtr) throws(XMLSchemaValidationError) {
    var node = xmlDocGetRootElement(schema)?.pointee.children
    while let current = node {
      defer { node = current.pointee.next }
      guard current.pointee.type == XML_ELEMENT_NODE, let name = current.pointee.name else { continue }
      let local = String(cString: name)
      if ["include", "import", "redefine", "override"].contains(local) {
        throw XMLSchemaValidationError(
          stage: .schema, name: "schema",
          problems: [
            .init(
              line: Int(xmlGetLineNo(current)),
              message:
                "the schema uses <\(local)>; idtrail validates only self-contained schemas, since libxml2 would fetch the other document"
            )
          ])
      }
    }
  }
}

/// Gathers what libxml2 reports through a structured error callback.
///
/// Not Sendable: one validation fills it on one thread.
private final class ProblemCollector {
  var problems: [XMLSchemaValidationError.Problem] = []

  /// The callback's body; `context` is an unretained pointer to the collector.
  static func record(_ error: xmlErrorPtr?, in context: UnsafeMutableRawPointer?) {
    guard let error, let context else { return }
    let collector = Unmanaged<ProblemCollector>.fromOpaque(context).takeUnretainedValue()
    collector.problems.append(problem(from: error.pointee))
  }

  static func problem(from error: xmlError) -> XMLSchemaValidationError.Problem {
    var message = error.message.map { String(cString: $0) } ?? "libxml2 error \(error.code)"
    while message.last?.isWhitespace == true { message.removeLast() }
    return .init(line: Int(error.line), message: message)
  }
}

/// Why a document could not be validated, or how it breaks its schema.
public struct XMLSchemaValidationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Where validation stopped.
  public enum Stage: Sendable, Equatable {
    /// The schema is not well-formed, not a valid XSD, or not self-contained.
    case schema
    /// The document is not well-formed XML.
    case document
    /// The document is well-formed but breaks the schema.
    case validation
  }

  /// One message from libxml2, with the line it concerns (0 when it names none).
  public struct Problem: Sendable, Equatable {
    public var line: Int
    public var message: String
    public init(line: Int, message: String) {
      self.line = line
      self.message = message
    }
  }

  public var stage: Stage
  /// The document's name, or `schema`.
  public var name: String
  public var problems: [Problem]

  public init(stage: Stage, name: String, problems: [Problem]) {
    self.stage = stage
    self.name = name
    self.problems = problems
  }

  public var description: String {
    let heading: String
    switch stage {
    case .schema: heading = "the schema cannot be used"
    case .document: heading = "\(name) is not well-formed XML"
    case .validation: heading = "\(name) does not follow the schema"
    }
    return ([heading + ":"] + problems.map { "  line \($0.line): \($0.message)" }).joined(separator: "\n")
  }
}
