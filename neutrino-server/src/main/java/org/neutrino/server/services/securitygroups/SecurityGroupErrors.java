package org.neutrino.server.services.securitygroups;

import java.util.Collection;
import org.neutrino.lib.exceptions.NeutronException;

/** Neutron's errors of the security-group family, with their types and messages. */
final class SecurityGroupErrors {
    private SecurityGroupErrors() {
    }

    static NeutronException groupNotFound(String id) {
        return NeutronException.notFound("SecurityGroupNotFound", "Security group " + id + " does not exist");
    }

    static NeutronException groupsNotFound(Collection<String> ids) {
        return groupNotFound(String.join(", ", ids));
    }

    static NeutronException ruleNotFound(String id) {
        return NeutronException.notFound("SecurityGroupRuleNotFound", "Security group rule " + id + " does not exist");
    }

    static NeutronException inUse(String id) {
        return NeutronException.conflict("SecurityGroupInUse", "Security Group " + id + " in use.");
    }

    static NeutronException cannotRemoveDefault() {
        return NeutronException.conflict("SecurityGroupCannotRemoveDefault", "Insufficient rights for removing default security group.");
    }

    static NeutronException cannotUpdateDefault() {
        return NeutronException.conflict("SecurityGroupCannotUpdateDefault", "Updating default security group not allowed.");
    }

    static NeutronException defaultAlreadyExists() {
        return NeutronException.conflict("SecurityGroupDefaultAlreadyExists", "Default security group already exists.");
    }

    static NeutronException conflict(String reason) {
        return NeutronException.conflict("SecurityGroupConflict", "Error " + reason + " while attempting the operation.");
    }

    static NeutronException ruleExists(String ruleId) {
        return NeutronException.conflict("SecurityGroupRuleExists", "Security group rule already exists. Rule id is " + ruleId + ".");
    }

    static NeutronException duplicateRuleInPost() {
        return NeutronException.conflict("DuplicateSecurityGroupRuleInPost", "Duplicate Security Group Rule in POST.");
    }

    /** A 400 of one of Neutron's {@code InvalidInput} subclasses. */
    static NeutronException invalid(String type, String message) {
        return NeutronException.badRequest(type, message);
    }
}
