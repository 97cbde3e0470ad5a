import Testing

@testable import IDTrailModel
