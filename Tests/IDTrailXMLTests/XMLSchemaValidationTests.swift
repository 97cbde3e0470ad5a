import IDTrailXML
import Testing

/// `XMLSchemaValidation`: libxml2's XSD validation, network-free, with line numbers in its errors.
@Suite struct XMLSchemaValidationTests {
  private let schema = """
    <?xml version="1.0"?>
    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
      <xs:element name="list">
        <xs:complexType>
          <xs:sequence><xs:element name="item" type="xs:positiveInteger" maxOccurs="unbounded"/></xs:sequence>
        </xs:complexType>
      </xs:element>
    </xs:schema>
    """

  @Test func validDocumentPasses() throws {
    try XMLSchemaValidation.validate("<list><item>1</item><item>2</item></list>", against: schema)
  }

  @Test func invalidDocumentNamesTheLineAndTheProblem() {
    #expect {
      try XMLSchemaValidation.validate(
        "<list>\n<item>1</item>\n<item>zero</item>\n</list>", against: schema, documentName: "l.xml")
    } throws: { error in
      guard let error = error as? XMLSchemaValidationError else { return false }
      return error.stage == .validation && error.problems.count == 1 && error.problems[0].line == 3
        && error.description.hasPrefix(
          "l.xml does not follow the schema:\n  line 3: Element 'item': 'zero' is not a valid value")
    }
  }

  @Test func malformedDocumentIsNotValidated() {
    #expect {
      try XMLSchemaValidation.validate("<list>\n<item>1</list>", against: schema, documentName: "l.xml")
    } throws: { error in
      guard let error = error as? XMLSchemaValidationError else { return false }
      return error.stage == .document && error.problems.first?.line == 2
        && error.description.hasPrefix("l.xml is not well-formed XML:")
    }
  }

  @Test func schemaThatFetchesOtherDocumentsIsRefused() {
    let importing = """
      <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
        <xs:import namespace="urn:x" schemaLocation="http://example.invalid/x.xsd"/>
        <xs:element name="list" type="xs:string"/>
      </xs:schema>
      """
    #expect {
      try XMLSchemaValidation.validate("<list/>", against: importing)
    } throws: { error in
      guard let error = error as? XMLSchemaValidationError else { return false }
      return error.stage == .schema && error.problems.first?.line == 2
        && error.problems.first?.message.hasPrefix("the schema uses <import>") == true
    }
  }

  @Test func invalidSchemaIsReported() {
    let broken = "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\"><xs:element/></xs:schema>"
    #expect {
      try XMLSchemaValidation.validate("<list/>", against: broken)
    } throws: { error in
      (error as? XMLSchemaValidationError)?.stage == .schema
    }
  }

  @Test func externalEntityInTheDocumentIsNotLoaded() {
    let document = """
      <?xml version="1.0"?>
      <!DOCTYPE list [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
      <list><item>&secret;</item></list>
      """
    #expect {
      try XMLSchemaValidation.validate(document, against: schema)
    } throws: { error in
      guard let error = error as? XMLSchemaValidationError else { return false }
      return error.stage == .validation && !error.description.contains("root:")
    }
  }
}
