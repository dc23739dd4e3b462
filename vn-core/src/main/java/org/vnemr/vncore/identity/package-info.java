/**
 * Vietnamese identifiers as small value types with parsers that explain what is wrong: số CCCD / định danh cá nhân,
 * thẻ BHYT (three number forms, validity, nơi ĐKKCB, K1/K2/K3), hộ chiếu, mã CSKCB, CCHN/GPHN, số điện thoại.
 * User input never throws: a {@link org.vnemr.vncore.identity.ParseResult} holds the value or coded problems.
 */
package org.vnemr.vncore.identity;
