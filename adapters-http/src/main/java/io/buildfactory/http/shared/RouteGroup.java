package io.buildfactory.http.shared;

import java.util.List;

/** The routes of one context (identity, work items, …), each declared with its access rule. */
public interface RouteGroup {

    List<ApiRoute> routes();
}
