package dk.dialogue.ledger.query.audit;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dk.dialogue.ledger.query.audit.seal.AuditKeys;
import dk.dialogue.ledger.query.audit.seal.DigestRepository;
import dk.dialogue.ledger.query.audit.seal.Sealer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class TamperEvidenceControllerTest {

    @Test
    void the_export_is_written_on_the_request_thread_so_no_async_time_out_can_cut_a_long_one_off() throws Exception {
        TamperEvidence evidence = mock(TamperEvidence.class);
        doAnswer(call -> {
            call.<OutputStream>getArgument(0).write("{\"kind\":\"header\"}\n".getBytes(StandardCharsets.UTF_8));
            return null;
        }).when(evidence).export(any());
        MockMvc mvc = MockMvcBuilders.standaloneSetup(new TamperEvidenceController(evidence,
                mock(DigestRepository.class), mock(Sealer.class), mock(AuditKeys.class),
                Clock.fixed(Instant.parse("2026-12-06T08:00:00Z"), ZoneOffset.UTC))).build();

        mvc.perform(get("/api/audit/export"))
                .andExpect(request().asyncNotStarted())
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/x-ndjson"))
                .andExpect(header().string("Content-Disposition",
                        "attachment; filename=\"ledger-export-2026-12-06T08-00-00Z.ndjson\""))
                .andExpect(content().string("{\"kind\":\"header\"}\n"));
    }
}
