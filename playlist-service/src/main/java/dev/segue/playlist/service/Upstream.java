package dev.segue.playlist.service;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Names the Segue service a gateway class reaches, for the problem its fallback reports. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface Upstream {
    String value();
}
