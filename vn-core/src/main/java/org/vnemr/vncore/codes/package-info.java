/** The VN Core code lists and the administrative units published as CodeSystem/ValueSet for the terminology loader. */
package org.vnemr.vncore.codes;
