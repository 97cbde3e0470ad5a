// libxml2's public API, for the XML formats. Only the IDTrailXML module imports it.
#ifndef IDTRAIL_CLIBXML2_SHIM_H
#define IDTRAIL_CLIBXML2_SHIM_H

// First, so that the feature macros below can be adjusted before any other header reads them.
#include <libxml/xmlversion.h>
// Debian's libxml2 defines this, which makes encoding.h include the system ICU headers; their
// `UErrorCode` then clashes with Foundation's `_FoundationICU` in any module that sees both.
// idtrail never uses libxml2's ICU converters (and never allocates xmlCharEncodingHandler,
// whose two trailing ICU fields this hides).
#undef LIBXML_ICU_ENABLED
// xmlInitParser, the SAX2 push parser the record reader is built on (xmlCreatePushParserCtxt,
// xmlParseChunk, xmlSAXHandler), the parser options (XML_PARSE_NONET, ...).
#include <libxml/parser.h>
// xmlFreeDoc, the node and attribute types.
#include <libxml/tree.h>
// xmlError, which the parser context's lastError is.
#include <libxml/xmlerror.h>
// XML Schema validation (xmlSchemaNewDocParserCtxt, xmlSchemaParse, xmlSchemaValidateDoc), which
// the tests use to check the JUnit report against its schema.
#include <libxml/xmlschemas.h>

// `xmlFree` is a global function-pointer variable; Swift 6 refuses to touch it ("not
// concurrency-safe because it involves shared mutable state"), so call it through this wrapper.
static inline void idtrail_xmlFree(void *pointer) {
  xmlFree(pointer);
}

#endif
