/**
 * Programs that fill a store for the growth benchmark (bench/growth.sh): not tests, nothing here
 * runs in the build. They live beside the tests so that their SQL stays in storage-module.
 */
package org.postroom.storage.bench;
