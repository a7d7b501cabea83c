package io.canopy.deploy.terraform;

import java.util.List;

/** A Terraform set (toset): distinct elements, strings in lexical order. Cannot be indexed. */
public record SetValue(List<Object> elements) {
}
